//! The reader's time zone, in which every page shows its times.
//!
//! The server cannot know the reader's zone on a first visit, so it renders in UTC and says so.
//! Once the page hydrates, the browser's zone is stored in a `tz` cookie and the times re-render
//! in it; later page loads are rendered in that zone from the start, by server and browser alike.

use leptos::prelude::*;

use crate::time::Zone;

/// The cookie that carries the reader's IANA zone name.
const COOKIE: &str = "tz";

#[derive(Clone, Copy)]
pub struct ViewerZone(pub RwSignal<Zone>);

/// Reads the reader's zone from the `tz` cookie (UTC when absent) and provides it to pages.
pub fn provide_viewer_zone() {
    let zone = RwSignal::new(cookie_zone().unwrap_or_else(Zone::utc));
    provide_context(ViewerZone(zone));
    // Always set once after hydration: even when the cookie already names the browser's zone,
    // the browser's own tz rules may be newer than the server's, and the reader's clock wins.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(browser) = browser_zone() {
            if browser != zone.get_untracked() {
                store_cookie(&browser);
            }
            zone.set(browser);
        }
    });
}

pub fn use_viewer_zone() -> RwSignal<Zone> {
    use_context::<ViewerZone>().map(|zone| zone.0).unwrap_or_else(|| RwSignal::new(Zone::utc()))
}

/// Finds `tz=<zone>` in a `Cookie` header value or `document.cookie`.
fn zone_in_cookies(cookies: &str) -> Option<Zone> {
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, value)| crate::time::zone(&value.replace("%2F", "/")))
}

/// The zone the reader's `tz` cookie names, read from the request being served.
#[cfg(feature = "ssr")]
pub fn reader_zone_from_cookie() -> Option<Zone> {
    cookie_zone()
}

#[cfg(feature = "ssr")]
fn cookie_zone() -> Option<Zone> {
    let parts = use_context::<http::request::Parts>()?;
    let cookies = parts.headers.get_all(http::header::COOKIE);
    cookies.iter().filter_map(|value| value.to_str().ok()).find_map(zone_in_cookies)
}

#[cfg(feature = "hydrate")]
fn cookie_zone() -> Option<Zone> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?.dyn_into::<web_sys::HtmlDocument>().ok()?;
    zone_in_cookies(&document.cookie().ok()?)
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn cookie_zone() -> Option<Zone> {
    None
}

#[cfg(feature = "hydrate")]
fn browser_zone() -> Option<Zone> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let options = format.resolved_options();
    let name = js_sys::Reflect::get(&options, &"timeZone".into()).ok()?.as_string()?;
    crate::time::zone(crate::time::current_name(&name))
}

#[cfg(feature = "hydrate")]
fn store_cookie(zone: &Zone) {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.dyn_into::<web_sys::HtmlDocument>().ok());
    if let Some(document) = document {
        let cookie = format!("{COOKIE}={}; path=/; max-age=31536000; samesite=lax", zone.name());
        let _ = document.set_cookie(&cookie);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_is_found_among_other_cookies() {
        let berlin = zone_in_cookies("a=1; tz=Europe/Berlin; b=2").unwrap();
        assert_eq!(berlin.name(), "Europe/Berlin");
        assert_eq!(zone_in_cookies("tz=Asia%2FKolkata").unwrap().name(), "Asia/Kolkata");
        assert_eq!(zone_in_cookies("tzx=Europe/Berlin"), None);
        assert_eq!(zone_in_cookies("tz=Nowhere/Special"), None);
    }
}
