//! Who may call a server function.
//!
//! Server functions are plain HTTP endpoints, reachable by any page on the web that can make
//! a reader's browser send a request. Until staff sign in to the console, the caller check is
//! that a call comes from the console's own pages: a browser marks cross-site requests with
//! `Sec-Fetch-Site` and `Origin`, and such calls are refused. Page loads (GET) from anywhere
//! stay allowed, so tickets and portals can link into the console.

use http::{header, HeaderMap, Method};
use leptos::prelude::use_context;

use super::state::ConsoleState;
use crate::model::ConsoleError;

/// Admits the current request and hands out the console's shared state.
pub fn admit() -> Result<ConsoleState, ConsoleError> {
    if let Some(parts) = use_context::<http::request::Parts>() {
        check_same_origin(&parts.method, &parts.headers)?;
    }
    use_context::<ConsoleState>().ok_or_else(|| {
        tracing::error!("server function ran without the console state in context");
        ConsoleError::Unreachable
    })
}

/// Refuses state-changing or data-returning calls that a browser says came from another site.
pub fn check_same_origin(method: &Method, headers: &HeaderMap) -> Result<(), ConsoleError> {
    if method == Method::GET || method == Method::HEAD {
        return Ok(());
    }
    let fetch_site = headers.get("sec-fetch-site").and_then(|value| value.to_str().ok());
    if matches!(fetch_site, Some("cross-site") | Some("same-site")) {
        tracing::debug!(fetch_site, "refused a server function call from another site");
        return Err(ConsoleError::Forbidden);
    }
    let origin = headers.get(header::ORIGIN).and_then(|value| value.to_str().ok());
    let host = headers.get(header::HOST).and_then(|value| value.to_str().ok());
    if let Some(origin) = origin {
        let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or(origin);
        if origin == "null" || Some(origin_host) != host {
            tracing::debug!(origin, "refused a server function call from another origin");
            return Err(ConsoleError::Forbidden);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn own_pages_are_admitted() {
        let own = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(check_same_origin(&Method::POST, &own).is_ok());
        assert!(check_same_origin(&Method::POST, &headers(&[("host", "x")])).is_ok());
    }

    #[test]
    fn other_sites_are_refused() {
        let cross = headers(&[("host", "127.0.0.1:3000"), ("sec-fetch-site", "cross-site")]);
        assert_eq!(check_same_origin(&Method::POST, &cross), Err(ConsoleError::Forbidden));
        let foreign = headers(&[("host", "127.0.0.1:3000"), ("origin", "https://evil.example")]);
        assert_eq!(check_same_origin(&Method::POST, &foreign), Err(ConsoleError::Forbidden));
        let sandboxed = headers(&[("host", "127.0.0.1:3000"), ("origin", "null")]);
        assert_eq!(check_same_origin(&Method::POST, &sandboxed), Err(ConsoleError::Forbidden));
    }

    #[test]
    fn links_from_tickets_still_open_pages() {
        let navigation = headers(&[("host", "127.0.0.1:3000"), ("sec-fetch-site", "cross-site")]);
        assert!(check_same_origin(&Method::GET, &navigation).is_ok());
    }
}
