//! The state of the approvals list, as it lives in the page's URL.
//!
//! A link must share a view exactly, so every choice the list offers (page, page size, sort,
//! search, status filter, microtenant) is a query parameter. Parsing is forgiving, because
//! people edit URLs by hand: a value the console does not know falls back to the default rather
//! than breaking the page. The server function checks the parsed value again strictly.

use serde::{Deserialize, Serialize};

use super::{ApprovalStatus, ConsoleError};

/// The page sizes the list offers; ZPA refuses anything above 500.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PageSize {
    #[default]
    Twenty,
    Fifty,
    Hundred,
    FiveHundred,
}

impl PageSize {
    pub const ALL: [PageSize; 4] = [Self::Twenty, Self::Fifty, Self::Hundred, Self::FiveHundred];

    pub fn get(self) -> u32 {
        match self {
            Self::Twenty => 20,
            Self::Fifty => 50,
            Self::Hundred => 100,
            Self::FiveHundred => 500,
        }
    }

    /// ZPA's largest page.
    pub fn largest() -> Self {
        Self::FiveHundred
    }

    pub fn from_number(size: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|candidate| candidate.get() == size)
    }
}

/// The fields ZPA can sort approvals by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortField {
    StartTime,
    EndTime,
    Status,
    CreationTime,
    ModifiedTime,
    Id,
}

impl SortField {
    pub const ALL: [SortField; 6] = [
        Self::StartTime,
        Self::EndTime,
        Self::Status,
        Self::CreationTime,
        Self::ModifiedTime,
        Self::Id,
    ];

    /// The name ZPA takes in `sortBy`, which the URL uses too.
    pub fn wire_name(self) -> &'static str {
        match self {
            Self::StartTime => "startTime",
            Self::EndTime => "endTime",
            Self::Status => "status",
            Self::CreationTime => "creationTime",
            Self::ModifiedTime => "modifiedTime",
            Self::Id => "id",
        }
    }

    pub fn from_wire_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.wire_name().eq_ignore_ascii_case(name))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortDir {
    Asc,
    Desc,
}

impl SortDir {
    pub fn wire_name(self) -> &'static str {
        match self {
            Self::Asc => "ASC",
            Self::Desc => "DESC",
        }
    }

    pub fn reversed(self) -> Self {
        match self {
            Self::Asc => Self::Desc,
            Self::Desc => Self::Asc,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sorting {
    pub field: SortField,
    pub dir: SortDir,
}

impl Default for Sorting {
    /// Newest access first: what a helpdesk agent usually looks for.
    fn default() -> Self {
        Self { field: SortField::StartTime, dir: SortDir::Desc }
    }
}

/// Longest search text the console passes on; an email address is at most 254 characters.
pub const MAX_SEARCH_LEN: usize = 254;

/// Everything that decides which approvals the list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ListQuery {
    /// 1-based, as ZPA counts.
    pub page: u32,
    pub page_size: PageSize,
    pub sorting: Sorting,
    /// Text to find in the user email; a full address matches exactly.
    pub search: String,
    pub status: Option<ApprovalStatus>,
    pub microtenant: Option<u64>,
}

impl ListQuery {
    /// Reads the list state from URL query pairs, ignoring what it does not understand.
    pub fn from_url_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut query = ListQuery { page: 1, ..Default::default() };
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "page" => query.page = value.parse().ok().filter(|page| *page >= 1).unwrap_or(1),
                "size" => {
                    query.page_size =
                        value.parse().ok().and_then(PageSize::from_number).unwrap_or_default()
                }
                "sort" => {
                    if let Some(field) = SortField::from_wire_name(value) {
                        query.sorting.field = field;
                    }
                }
                "dir" => {
                    query.sorting.dir =
                        if value.eq_ignore_ascii_case("asc") { SortDir::Asc } else { SortDir::Desc }
                }
                "q" => query.search = value.chars().take(MAX_SEARCH_LEN).collect(),
                "status" => query.status = ApprovalStatus::from_wire_name(value),
                "microtenant" => query.microtenant = value.parse().ok(),
                _ => {}
            }
        }
        query
    }

    /// The URL query string for this state, leaving out defaults so links stay short.
    pub fn to_url_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(microtenant) = self.microtenant {
            pairs.push(("microtenant", microtenant.to_string()));
        }
        if !self.search.is_empty() {
            pairs.push(("q", self.search.clone()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.wire_name().to_ascii_lowercase()));
        }
        if self.sorting != Sorting::default() {
            pairs.push(("sort", self.sorting.field.wire_name().to_string()));
            let dir = if self.sorting.dir == SortDir::Asc { "asc" } else { "desc" };
            pairs.push(("dir", dir.to_string()));
        }
        if self.page_size != PageSize::default() {
            pairs.push(("size", self.page_size.get().to_string()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs
            .into_iter()
            .map(|(key, value)| format!("{key}={}", encode_component(&value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The list's path with this state, for links.
    pub fn href(&self) -> String {
        let query = self.to_url_query();
        if query.is_empty() {
            "/approvals".to_string()
        } else {
            format!("/approvals?{query}")
        }
    }

    /// The same view on another page.
    pub fn with_page(&self, page: u32) -> Self {
        Self { page: page.max(1), ..self.clone() }
    }

    /// The view sorted by `field`: ascending first, reversed when it already sorts by it.
    /// Changing the order starts again at page 1, since the old page number means nothing now.
    pub fn toggled_sort(&self, field: SortField) -> Self {
        let dir =
            if self.sorting.field == field { self.sorting.dir.reversed() } else { SortDir::Asc };
        Self { sorting: Sorting { field, dir }, page: 1, ..self.clone() }
    }

    /// Strict checks for a query that arrives at a server function, which anyone can call.
    pub fn validate(&self) -> Result<(), ConsoleError> {
        if self.page == 0 {
            return Err(ConsoleError::invalid("page", "Page numbers start at 1."));
        }
        if self.search.chars().count() > MAX_SEARCH_LEN {
            return Err(ConsoleError::invalid(
                "User email",
                format!("search for at most {MAX_SEARCH_LEN} characters."),
            ));
        }
        if self.search.chars().any(char::is_control) {
            return Err(ConsoleError::invalid(
                "search",
                "Search text cannot hold control characters.",
            ));
        }
        Ok(())
    }
}

/// Percent-encodes a query value: everything but unreserved characters.
fn encode_component(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_view_has_a_bare_url() {
        let query = ListQuery::from_url_pairs([]);
        assert_eq!(query.page, 1);
        assert_eq!(query.href(), "/approvals");
    }

    #[test]
    fn url_state_round_trips() {
        let query = ListQuery {
            page: 3,
            page_size: PageSize::Hundred,
            sorting: Sorting { field: SortField::EndTime, dir: SortDir::Asc },
            search: "dana+ops@example.com".into(),
            status: Some(ApprovalStatus::Active),
            microtenant: Some(145260601092866314),
        };
        let url = query.to_url_query();
        assert_eq!(
            url,
            "microtenant=145260601092866314&q=dana%2Bops%40example.com&status=active\
             &sort=endTime&dir=asc&size=100&page=3"
        );
        let decoded: Vec<(String, String)> = url
            .split('&')
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap();
                (key.to_string(), value.replace("%2B", "+").replace("%40", "@"))
            })
            .collect();
        let parsed =
            ListQuery::from_url_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(parsed, query);
    }

    #[test]
    fn hand_edited_nonsense_falls_back_to_defaults() {
        let query = ListQuery::from_url_pairs([
            ("page", "0"),
            ("size", "37"),
            ("sort", "email"),
            ("status", "sleeping"),
            ("microtenant", "abc"),
        ]);
        assert_eq!(query, ListQuery { page: 1, ..Default::default() });
    }

    #[test]
    fn sorting_by_the_same_column_again_reverses_and_restarts_paging() {
        let query = ListQuery { page: 4, ..Default::default() };
        let by_end = query.toggled_sort(SortField::EndTime);
        assert_eq!(by_end.sorting, Sorting { field: SortField::EndTime, dir: SortDir::Asc });
        assert_eq!(by_end.page, 1);
        assert_eq!(by_end.toggled_sort(SortField::EndTime).sorting.dir, SortDir::Desc);
    }

    #[test]
    fn validation_rejects_what_the_url_parser_never_produces() {
        let zero = ListQuery { page: 0, ..Default::default() };
        assert!(zero.validate().is_err());
        let long = ListQuery { page: 1, search: "a".repeat(300), ..Default::default() };
        assert!(long.validate().is_err());
        let control = ListQuery { page: 1, search: "a\u{0}b".into(), ..Default::default() };
        assert!(control.validate().is_err());
    }
}
