//! Microtenants: the parts of a ZPA tenant that a view can be scoped to.
//!
//! A view's microtenant lives in its URL as `?microtenant=<id>`, so every link and redirect that
//! stays inside one microtenant carries it on. No value means ZPA's own default: the whole tenant
//! for reads, the Default microtenant for new approvals. `0` is the Default microtenant.

use serde::{Deserialize, Serialize};

/// A microtenant as the selector offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MicrotenantChoice {
    pub id: u64,
    pub name: String,
}

/// The Default microtenant's id on ZPA's wire.
pub const DEFAULT_MICROTENANT: u64 = 0;

/// `path` with the view's microtenant added to its query, or `path` itself when there is none.
#[must_use]
pub fn scoped(path: &str, microtenant: Option<u64>) -> String {
    match microtenant {
        Some(microtenant) => {
            let separator = if path.contains('?') { '&' } else { '?' };
            format!("{path}{separator}microtenant={microtenant}")
        }
        None => path.to_owned(),
    }
}

/// Reads a URL's `microtenant` value; anything but digits leaves the view unscoped.
#[must_use]
pub fn microtenant_from_url(value: Option<&str>) -> Option<u64> {
    value.and_then(|value| value.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scoped_link_keeps_its_own_query() {
        assert_eq!(scoped("/approvals", None), "/approvals");
        assert_eq!(scoped("/approvals", Some(0)), "/approvals?microtenant=0");
        assert_eq!(
            scoped("/approvals?revoked=7", Some(145260601092866314)),
            "/approvals?revoked=7&microtenant=145260601092866314"
        );
    }

    #[test]
    fn only_digits_scope_a_view() {
        assert_eq!(microtenant_from_url(Some("0")), Some(0));
        assert_eq!(microtenant_from_url(Some(" 42 ")), Some(42));
        assert_eq!(microtenant_from_url(Some("")), None);
        assert_eq!(microtenant_from_url(Some("contractors")), None);
        assert_eq!(microtenant_from_url(None), None);
    }
}
